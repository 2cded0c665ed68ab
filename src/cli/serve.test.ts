import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { exitOnSignals } from './serve';

describe('exitOnSignals', () => {
  function setup(close: () => Promise<void>) {
    const signals = new EventEmitter();
    const exits: number[] = [];
    const messages: string[] = [];
    let clock = 0;
    const stop = exitOnSignals(
      { close },
      {
        signals: signals as unknown as NodeJS.Process,
        exit: (code) => exits.push(code),
        log: (_level, message) => messages.push(message),
        now: () => clock,
      },
    );
    return {
      signals,
      exits,
      messages,
      stop,
      advance: (ms: number) => {
        clock += ms;
      },
    };
  }

  it('closes, then exits 0', async () => {
    let closed = 0;
    const t = setup(async () => {
      closed++;
    });
    t.signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(1);
    expect(t.exits).toEqual([0]);
    expect(t.messages[0]).toContain('SIGTERM received');
  });

  it('exits 1 when closing fails', async () => {
    const t = setup(async () => {
      throw new Error('disk full');
    });
    t.signals.emit('SIGINT', 'SIGINT');
    await new Promise((r) => setImmediate(r));
    expect(t.exits).toEqual([1]);
  });

  it('exits 1 at once on a second signal while shutting down, ignoring relayed duplicates', async () => {
    let closeCalls = 0;
    const t = setup(() => {
      closeCalls++;
      return new Promise(() => {}); // a request that never finishes
    });
    t.signals.emit('SIGINT', 'SIGINT');
    // The same Ctrl+C relayed by npm and tsx a few milliseconds later.
    t.advance(20);
    t.signals.emit('SIGINT', 'SIGINT');
    expect(t.exits).toEqual([]);
    t.advance(2_000);
    t.signals.emit('SIGTERM', 'SIGTERM');
    expect(t.exits).toEqual([1]);
    expect(closeCalls).toBe(1);
  });

  it('stops listening when disposed', () => {
    const t = setup(async () => {});
    t.stop();
    expect(t.signals.listenerCount('SIGINT')).toBe(0);
    expect(t.signals.listenerCount('SIGTERM')).toBe(0);
  });
});
