/**
 * A real HTTP recipient on 127.0.0.1 for the webhook delivery channel: it records every request
 * as a recipient would see it and, like a well-behaved receiver, treats a repeated
 * Idempotency-Key as the same message.
 */
import { createServer, type Server } from 'node:http';

export interface Delivery {
  idempotencyKey: string;
  body: Record<string, unknown>;
  receivedAt: number;
}

export interface WebhookRecipient {
  url: string;
  /** Every request received, repeats included. */
  deliveries: Delivery[];
  /** One delivery per Idempotency-Key: what the recipient acts on. */
  messages(): Delivery[];
  /** Answer the next `count` requests with this status instead of 200. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

export async function startWebhookRecipient(): Promise<WebhookRecipient> {
  const deliveries: Delivery[] = [];
  let failures: { left: number; status: number } = { left: 0, status: 200 };
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      if (failures.left > 0) {
        failures.left -= 1;
        response.writeHead(failures.status).end();
        return;
      }
      deliveries.push({
        idempotencyKey: String(request.headers['idempotency-key'] ?? ''),
        body: JSON.parse(raw) as Record<string, unknown>,
        receivedAt: Date.now(),
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('webhook recipient has no address');
  return {
    url: `http://127.0.0.1:${address.port}/escalations`,
    deliveries,
    messages: () => [...new Map(deliveries.map((d) => [d.idempotencyKey, d])).values()],
    failNext: (count, status) => (failures = { left: count, status }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
