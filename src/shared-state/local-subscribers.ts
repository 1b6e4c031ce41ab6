// The subscribers of one instance's bus, by topic: subscribing, unsubscribing, and delivering a
// message to each of them even when one throws. Carrying messages between instances is not here.

export interface LocalSubscribers {
  /** Returns an unsubscribe function; the same handler subscribed twice needs two unsubscribes. */
  subscribe(topic: string, handler: (id: string) => void): () => void;
  /** Calls every handler of `topic`, even after one throws; returns what they threw. */
  deliver(topic: string, id: string): unknown[];
  clear(): void;
}

export function createLocalSubscribers(): LocalSubscribers {
  const handlers = new Map<string, Set<(id: string) => void>>();
  return {
    subscribe(topic, handler) {
      const subscription = (id: string): void => handler(id);
      const set = handlers.get(topic) ?? new Set();
      set.add(subscription);
      handlers.set(topic, set);
      return () => {
        set.delete(subscription);
        if (set.size === 0 && handlers.get(topic) === set) handlers.delete(topic);
      };
    },
    deliver(topic, id) {
      const errors: unknown[] = [];
      for (const handler of [...(handlers.get(topic) ?? [])]) {
        try {
          handler(id);
        } catch (error) {
          errors.push(error);
        }
      }
      return errors;
    },
    clear: () => handlers.clear(),
  };
}

/** Rethrows what subscribers threw: the one error itself, or all of them together. */
export function throwSubscriberErrors(topic: string, errors: readonly unknown[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} subscribers of "${topic}" failed`);
}
