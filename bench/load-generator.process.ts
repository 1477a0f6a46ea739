/**
 * autocannon in a process of its own (bench/load-generator.ts starts it), so the load generator's
 * CPU is not the measured server's: reads its options as JSON from argv[2], prints the result as
 * JSON on its last line. `randomPaths`, when given, picks each request's path at random (e.g. one
 * hazard of thousands per request); `overallRate` fixes the request rate across all connections.
 */
import { createRequire } from 'node:module';
import type { LoadOptions } from './load-generator';


type Autocannon = (options: Record<string, unknown>) => Promise<unknown>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const options = JSON.parse(process.argv[2]!) as LoadOptions;
const random = options.randomPaths;
const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.seconds,
  headers: options.headers,
  ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  ...(random ? { requests: [{ setupRequest: (request: { path: string }) => ({ ...request, path: `${random.prefix}${Math.floor(Math.random() * random.count)}` }) }] } : {}),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
