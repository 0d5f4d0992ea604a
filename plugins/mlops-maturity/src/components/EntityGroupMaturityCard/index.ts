export { EntityGroupMaturityCard } from './EntityGroupMaturityCard';
