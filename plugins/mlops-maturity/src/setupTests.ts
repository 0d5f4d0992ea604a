import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// These tests render whole pages (material-table, recharts) in jsdom. In CI they share two cores
// with the tool servers and the adopter test's app build, where a test that takes 2 s alone can
// take a minute: the limits are there to catch hangs, not to time the machine.
jest.setTimeout(120_000);
configure({ asyncUtilTimeout: 15_000, defaultHidden: true });
