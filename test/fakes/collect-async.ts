// Collects an async iterable into an array (Array.fromAsync arrived after Node 20).

export async function collectAsync<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
