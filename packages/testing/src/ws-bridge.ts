import net from 'node:net';
import { type AddressInfo, WebSocketServer } from 'ws';

export interface WsBridge {
  /** For `neonConfig.wsProxy`: where the Neon driver should open its WebSocket for host:port. */
  wsProxy: (host: string, port: number | string) => string;
  port: number;
  /** How many Postgres connections went through the bridge (proof the Neon path was taken). */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A small WebSocket-to-TCP bridge, like Neon's own proxy, so that the Neon serverless driver can
 * talk to a plain local Postgres in tests. Each WebSocket carries one raw Postgres connection; the
 * target comes from `?address=host:port` and must be one of `allowedTargets`.
 */
export async function startWsBridge(allowedTargets: string[]): Promise<WsBridge> {
  const allowed = new Set(allowedTargets);
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  let connections = 0;
  server.on('connection', (socket, request) => {
    connections++;
    const address = new URL(request.url ?? '/', 'http://bridge').searchParams.get('address') ?? '';
    if (!allowed.has(address)) {
      socket.close(1008, 'target not allowed');
      return;
    }
    const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
    const tcp = net.connect({ host, port });
    const pending: Buffer[] = [];
    let open = false;
    tcp.on('connect', () => {
      open = true;
      for (const chunk of pending.splice(0)) tcp.write(chunk);
    });
    socket.on('message', (data: Buffer) => (open ? tcp.write(data) : pending.push(data)));
    tcp.on('data', (chunk) => socket.send(chunk));
    socket.on('close', () => tcp.destroy());
    socket.on('error', () => tcp.destroy());
    tcp.on('close', () => socket.close());
    tcp.on('error', () => socket.close());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    connections: () => connections,
    wsProxy: (host, targetPort) => `127.0.0.1:${port}/v2?address=${host}:${targetPort}`,
    close: () =>
      new Promise((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  };
}
