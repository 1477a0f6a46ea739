// The workflows the engine's worker registers.
export {};
