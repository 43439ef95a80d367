/**
 * A pure function of a text, remembered for the last `size` texts seen. A turn reads the same
 * message in most of its stages, and the conversation's earlier messages again on every turn.
 * The oldest text goes first when it is full.
 */
export function memoized<T>(fn: (text: string) => T, size: number): (text: string) => T {
  const recent = new Map<string, T>();
  return (text) => {
    if (recent.has(text)) return recent.get(text)!;
    const value = fn(text);
    if (recent.size >= size) recent.delete(recent.keys().next().value!);
    recent.set(text, value);
    return value;
  };
}
