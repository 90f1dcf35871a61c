/**
 * The secret values one process knows (API keys from the config, env and flags; a served model's
 * credentials), masked in everything it prints or logs. The CLI creates the process's registry and
 * hands it to every writer outside the CLI that needs it (src/serve's log and messages): no module
 * below the CLI keeps keys in a global of its own.
 */
export class Secrets {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    // Placeholder keys ("EMPTY", "sk-123456") are not secrets, and masking short strings would mangle text.
    if (value !== undefined && value.length >= 8 && value !== 'sk-123456') this.values.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.values) out = out.split(s).join('***');
    return out;
  }
}

/** What a writer needs of the registry: masking, not adding. */
export type Redactor = Pick<Secrets, 'redact'>;
