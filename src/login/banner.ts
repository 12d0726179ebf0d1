// The login banner, as omero-py prints it:
// `<Action> session for USER@HOST:PORT. Idle timeout: 10 min. Current group: NAME`.
import type { EventContext, SessionInfo } from "../omero/model.ts";

export type LoginAction = "Created" | "Using" | "Joined" | "Reconnected to";

export function formatBanner(
  action: LoginAction,
  hostPort: string,
  context: EventContext,
  info: SessionInfo,
): string {
  const idle = info.timeToIdle ? ` Idle timeout: ${formatTimeout(info.timeToIdle)}` : "";
  const live = info.timeToLive ? ` Expires in : ${formatTimeout(info.timeToLive)}` : "";
  return `${action} session for ${context.userName}@${hostPort}.${idle}${live} ` +
    `Current group: ${context.groupName}`;
}

/** `10 min.`, or seconds below five minutes (`120 s.`), rounded half to even like `%.f`. */
export function formatTimeout(milliseconds: number): string {
  const minutes = milliseconds / 60000;
  return minutes < 5 ? `${roundHalfToEven(minutes * 60)} s.` : `${roundHalfToEven(minutes)} min.`;
}

function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}
