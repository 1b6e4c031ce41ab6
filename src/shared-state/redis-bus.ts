// The invalidation bus over Redis pub/sub: one channel per key prefix carrying (sender, topic, id).
// The sender's own subscribers hear a message at once, before it goes out; every other instance hears
// it from Redis once. Messages sent while an instance is disconnected are not replayed to it.

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createLocalSubscribers, throwSubscriberErrors } from './local-subscribers.js';
import { SharedStateUnavailableError } from './shared-state-unavailable-error.js';
import type { InvalidationBus } from './types.js';

export interface RedisBus extends InvalidationBus {
  /** Subscribes the subscriber connection to the channel; resolves once Redis has confirmed it. */
  listen(): Promise<void>;
}

export interface RedisBusOptions {
  readonly publisher: Redis;
  readonly subscriber: Redis;
  readonly channel: string;
  readonly ensureOpen: () => void;
  /** A subscriber threw while handling a message from another instance (no caller to tell). */
  readonly onHandlerError: (error: unknown) => void;
}

type Message = [sender: string, topic: string, id: string];

function parseMessage(text: string): Message | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === 'string')) return value as Message;
  } catch {
    // Not ours (someone else publishing on the channel): ignored below.
  }
  return undefined;
}

export function createRedisBus(options: RedisBusOptions): RedisBus {
  const { publisher, subscriber, channel, ensureOpen } = options;
  const sender = randomUUID();
  const subscribers = createLocalSubscribers();

  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const message = parseMessage(text);
    if (message === undefined || message[0] === sender) return;
    for (const error of subscribers.deliver(message[1], message[2])) options.onHandlerError(error);
  });

  return {
    async listen() {
      await subscriber.subscribe(channel);
    },
    async publish(topic, id) {
      ensureOpen();
      const errors = subscribers.deliver(topic, id);
      try {
        await publisher.publish(channel, JSON.stringify([sender, topic, id] satisfies Message));
      } catch (error) {
        throw new SharedStateUnavailableError('publish', error);
      }
      throwSubscriberErrors(topic, errors);
    },
    subscribe(topic, handler) {
      ensureOpen();
      return subscribers.subscribe(topic, handler);
    },
  };
}
