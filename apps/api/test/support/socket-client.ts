import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApi } from './test-api';

export interface SocketResponse {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** Makes the test API listen on a real port of 127.0.0.1 (once) and returns its base URL. */
export async function listenOnLoopback(api: TestApi): Promise<string> {
  const server = api.app.getHttpServer() as { listening: boolean; address(): AddressInfo | string | null };
  if (!server.listening) await api.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the test API has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Sends one request over a real TCP connection whose client socket is bound to `from` (any address of 127.0.0.0/8),
 * so the API sees that address as the client's: tests of per-client behaviour never forge X-Forwarded-For.
 */
export function sendFrom(
  baseUrl: string,
  from: string,
  options: {
    method: string;
    path: string;
    token?: string;
    body?: unknown;
    payload?: Buffer | string;
    headers?: Record<string, string>;
  },
): Promise<SocketResponse> {
  const url = new URL(options.path, baseUrl);
  const payload = options.payload ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
  const headers: Record<string, string> = {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(payload !== undefined ? { 'content-length': String(Buffer.byteLength(payload)) } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: options.method, headers, localAddress: from, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? (JSON.parse(text) as unknown) : undefined;
          } catch {
            /* not JSON: keep the text */
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
