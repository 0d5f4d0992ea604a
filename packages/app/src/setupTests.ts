import '@testing-library/jest-dom';

// The app loads lazily; in CI it shares two cores with the tool servers and the adopter test's
// app build, where rendering it takes far longer than jest's default 5 s: the limit is there to
// catch hangs, not to time the machine.
jest.setTimeout(120_000);
