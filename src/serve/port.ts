import { createServer } from 'node:net';
import { InputError } from '../core/errors.js';

/**
 * A port free right now on `host`, for `"port": 0`. Another process could take it before the server
 * binds it; the server then exits with "address already in use", which is reported with its log.
 */
export function freePort(host: string, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      reject(new InputError(`model '${name}': "serve": {"port": 0} needs a free port on ${host}, the host of the model's URL (${err.code ?? err.message}); use a local address such as 127.0.0.1`));
    });
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
