/**
 * A start-up that cannot go on for a reason the person starting the server can fix: its message is
 * one sentence saying what to do, printed alone (no stack trace).
 */
export class StartupError extends Error {}
