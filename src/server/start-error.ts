// A problem that stops `gatehouse start` with a message for the operator (no stack trace).

export class StartError extends Error {}
