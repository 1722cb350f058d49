'use client';

import { useEffect, useReducer, useState } from 'react';
import type { TypedRunEvent } from '@/lib/runs/event-types';
import { SSE_EVENTS } from '@/lib/runs/sse';
import { isTerminal } from '@/lib/runs/status';
import { viewReducer, type RunViewState } from '@/lib/runs/view-state';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';

const FLUSH_MS = 200;

/**
 * Follows the run's event stream with EventSource (which resumes from Last-Event-ID by itself after a
 * dropped connection) and folds events into the view state in batches, so bursts do not re-render per event.
 */
export function useRunEvents(runId: string, initial: RunViewState, shareToken?: string) {
  const [state, dispatch] = useReducer(viewReducer, initial);
  const [stream, setStream] = useState<StreamStatus>(isTerminal(initial.status) ? 'ended' : 'connecting');
  const [streamError, setStreamError] = useState<string | null>(null);
  // The position the page loaded at: a server refresh hands in a newer `initial`, but the stream goes on.
  const [{ finished, startAfter }] = useState(() => ({ finished: isTerminal(initial.status), startAfter: initial.lastSeq }));

  useEffect(() => {
    if (finished) return;
    const params = new URLSearchParams({ after: String(startAfter) });
    if (shareToken) params.set('share', shareToken);
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events?${params}`);
    let buffer: TypedRunEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (buffer.length === 0) return;
      const events = buffer;
      buffer = [];
      dispatch({ type: 'events', events });
    };
    source.onopen = () => setStream('live');
    source.onmessage = (message) => {
      try {
        buffer.push(JSON.parse(message.data) as TypedRunEvent);
      } catch {
        return;
      }
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    source.addEventListener(SSE_EVENTS.end, () => {
      flush();
      source.close();
      setStream('ended');
    });
    source.addEventListener(SSE_EVENTS.revoked, () => {
      flush();
      source.close();
      setStream('failed');
      setStreamError('Access to this run ended (the share link was revoked or the session ended). Reload to sign in again.');
    });
    source.addEventListener(SSE_EVENTS.streamError, (message) => {
      setStreamError((JSON.parse((message as MessageEvent<string>).data) as { message: string }).message);
    });
    source.onerror = () => {
      setStream(source.readyState === EventSource.CLOSED ? 'failed' : 'reconnecting');
    };
    return () => {
      if (timer) clearTimeout(timer);
      flush();
      source.close();
    };
  }, [runId, startAfter, shareToken, finished]);

  return { state, stream, streamError };
}
