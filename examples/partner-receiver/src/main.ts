// The reference partner as a process: `pnpm --filter @liaison/example-partner-receiver start`
// with the environment of README.md (LIAISON_URL, LIAISON_TOKEN, LIAISON_BODY, WEBHOOK_SECRET,
// KEYS_DIR, INBOX_DIR, PORT).
import { ConfigError, readConfig } from './config.ts';
import { createReceiver } from './receiver.ts';

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`partner receiver cannot start:\n${err.message}`);
  process.exit(2);
}
const { server } = createReceiver(config);
server.listen(config.port, config.host, () => {
  const address = server.address() as { port: number };
  console.log(`partner receiver for ${config.body} listening on http://${config.host}:${address.port}/webhooks/liaison`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
