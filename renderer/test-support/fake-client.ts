import type { EventName, MethodName, ResultOf, StudioEvents } from "../../electron/api/contract";

/** What the fake host answers per method: a result, or a function called on each invoke (it may throw, as the host does). */
export type FakeAnswers = { [M in MethodName]?: ResultOf<M> | (() => ResultOf<M>) };

/**
 * A stand-in for the StudioClient in store tests: `invoke` answers from `answers` (change them between
 * calls to change the host) and fails for any other method; `calls` lists the methods invoked;
 * `emit` delivers a host event to every listener `on` registered.
 */
export function fakeClient(answers: FakeAnswers) {
  const listeners = new Map<EventName, Array<(payload: never) => void>>();
  const calls: MethodName[] = [];
  return {
    answers,
    calls,
    emit<E extends EventName>(event: E, payload: StudioEvents[E]): void {
      for (const listener of listeners.get(event) ?? []) (listener as (payload: StudioEvents[E]) => void)(payload);
    },
    on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void]);
      return () => undefined;
    },
    async invoke<M extends MethodName>(method: M): Promise<ResultOf<M>> {
      calls.push(method);
      const answer = (answers as Partial<Record<MethodName, unknown>>)[method] as ResultOf<M> | (() => ResultOf<M>) | undefined;
      if (answer === undefined) throw new Error(`unexpected ${method}`);
      return typeof answer === "function" ? answer() : answer;
    },
  };
}
