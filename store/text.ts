/**
 * PostgreSQL's text (and jsonb) cannot hold the NUL character, which Temporal payloads and HTTP
 * bodies can carry. What the store writes has it removed, so a stray NUL in a hazard's description
 * never fails a record or a projection for good; nothing else is changed.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)])) as T;
  return value;
}
