import type { RunEvent } from '@/db/schema';
import type { TypedRunEvent } from '@/lib/runs/event-types';

/** A stored event in the shape the browser and the view-state reducer use. */
export function toTypedEvent(event: RunEvent): TypedRunEvent {
  return {
    seq: event.seq,
    type: event.type,
    payload: event.payload,
    createdAt: event.createdAt.toISOString(),
  } as TypedRunEvent;
}
