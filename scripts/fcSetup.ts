/**
 * Property tests draw new cases each run. A property's runs and its shrinking are synchronous,
 * so Vitest's timeout cannot stop them: a slow counterexample shrunk thousands of times could
 * hold a worker for hours. Each property stops drawing (or shrinking) after two minutes and
 * reports what it has; every failure names its seed, so it can be replayed
 * (`fc.assert(..., { seed, path })`).
 */
import fc from 'fast-check';

fc.configureGlobal({ interruptAfterTimeLimit: 120_000 });
