export { LevelBadge, LEVEL_COLORS } from './LevelBadge';
export type { LevelBadgeProps } from './LevelBadge';
export { CheckStatusChip } from './CheckStatusChip';
export type { CheckStatusChipProps } from './CheckStatusChip';
export { CheckStatusLegend } from './CheckStatusLegend';
export { CHECK_STATUS_META, checkStatusMeta } from './checkStatus';
export type { CheckStatusMeta } from './checkStatus';
export {
  formatDate,
  formatEvidenceAge,
  formatTimestamp,
} from './formatEvidenceAge';
export { errorMessage, isNotAssessedError } from './errors';
