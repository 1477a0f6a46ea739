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
  /** Answer every request with this status (a receiver that refuses for good), or 200 again with null. */
  failAlways(status: number | null): void;
  /** Keep each accepted request this long before answering 200 (a slow receiver), 0 to answer at once. */
  hold(ms: number): void;
  /** Accepted requests still waiting for their answer. */
  inFlight(): number;
  /** Idempotency keys of the requests refused (failNext / failAlways), repeats included. */
  refused: string[];
  /** Stop listening (connections refused) until `listen()`; on the same port. */
  stop(): Promise<void>;
  listen(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookRecipient(): Promise<WebhookRecipient> {
  const deliveries: Delivery[] = [];
  let failures: { left: number; status: number } = { left: 0, status: 200 };
  let refuseWith: number | null = null;
  let holdMs = 0;
  let inFlight = 0;
  const refused: string[] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      if (refuseWith !== null || failures.left > 0) refused.push(String(request.headers['idempotency-key'] ?? ''));
      if (refuseWith !== null) {
        response.writeHead(refuseWith, { 'content-type': 'application/json' }).end('{"error":"not accepted"}');
        return;
      }
      if (failures.left > 0) {
        failures.left -= 1;
        response.writeHead(failures.status).end();
        return;
      }
      // A receiver acts on a message when it takes it, then answers.
      deliveries.push({
        idempotencyKey: String(request.headers['idempotency-key'] ?? ''),
        body: JSON.parse(raw) as Record<string, unknown>,
        receivedAt: Date.now(),
      });
      inFlight += 1;
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, holdMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('webhook recipient has no address');
  const port = address.port;
  return {
    url: `http://127.0.0.1:${port}/escalations`,
    deliveries,
    messages: () => [...new Map(deliveries.map((d) => [d.idempotencyKey, d])).values()],
    failNext: (count, status) => (failures = { left: count, status }),
    failAlways: (status) => (refuseWith = status),
    hold: (ms) => (holdMs = ms),
    inFlight: () => inFlight,
    refused,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    listen: () => new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve())),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
