/** `actial-eval schema`: the config's JSON Schema, for editors (a config's `"$schema"` line) and tools. */
import { Command } from 'commander';
import { stdout } from './output.js';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of the config file (generated from the one the loader checks; committed as schema/config.schema.json)')
    .action(async () => {
      const { configJsonSchemaText } = await import('../config/json-schema.js');
      stdout(configJsonSchemaText());
    });
}
