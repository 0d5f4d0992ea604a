import type { ComponentType } from 'react';
import type { SvgIconProps } from '@material-ui/core/SvgIcon';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import AssignmentIcon from '@material-ui/icons/Assignment';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import GavelIcon from '@material-ui/icons/Gavel';
import type { CheckStatus } from '@mlops-maturity/plugin-mlops-maturity-common';

/** How one check status is shown: its label, meaning, colour and icon. */
export interface CheckStatusMeta {
  /** A short label, shown beside the icon so that colour is never the only cue. */
  label: string;
  /** What the status means (docs/evidence.md, the TSDoc of `CheckStatus`). */
  meaning: string;
  /** A text colour with at least 4.5:1 contrast on white. */
  color: string;
  Icon: ComponentType<SvgIconProps>;
}

/** Every check status with its label, meaning, colour and icon. */
export const CHECK_STATUS_META: Readonly<Record<CheckStatus, CheckStatusMeta>> =
  {
    pass: {
      label: 'Pass',
      meaning: 'A tool answered and proved it.',
      color: '#1b5e20',
      Icon: CheckCircleIcon,
    },
    fail: {
      label: 'Fail',
      meaning:
        'A tool answered and the evidence is missing, negative or too old.',
      color: '#b71c1c',
      Icon: CancelIcon,
    },
    'not-declared': {
      label: 'Not declared',
      meaning: 'No annotation points at anything that could prove it.',
      color: '#545454',
      Icon: RemoveCircleOutlineIcon,
    },
    declared: {
      label: 'Declared',
      meaning: 'An annotation claims it and no live collector verified it.',
      color: '#0d47a1',
      Icon: AssignmentIcon,
    },
    unknown: {
      label: 'Unknown',
      meaning:
        'The tool could not be asked; the result it last verified is kept, and a kept pass counts until its window ends.',
      color: '#8a4b00',
      Icon: HelpOutlineIcon,
    },
    invalid: {
      label: 'Invalid',
      meaning: 'A malformed annotation or an unknown tool instance.',
      color: '#6a1b9a',
      Icon: ReportProblemIcon,
    },
    waived: {
      label: 'Waived',
      meaning:
        'A waiver says the check does not apply until it expires: it counts towards the level, never towards the verified level.',
      color: '#00695c',
      Icon: GavelIcon,
    },
  };

/** The display metadata of a status; unknown values from a newer backend show as `unknown`. */
export function checkStatusMeta(status: CheckStatus | string): CheckStatusMeta {
  return (
    CHECK_STATUS_META[status as CheckStatus] ?? {
      ...CHECK_STATUS_META.unknown,
      label: String(status),
    }
  );
}
