import { FormEvent, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  CheckResult,
  WaiverRequest,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { errorMessage } from '../shared/errors';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The expiry the dialog proposes: a quarter ahead. */
export const DEFAULT_WAIVER_DAYS = 90;
/** The latest expiry the backend accepts: a year ahead. */
export const MAX_WAIVER_DAYS = 365;

/** `YYYY-MM-DD` of the UTC day `days` after `now`. */
export function utcDay(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** @internal */
export interface WaiverDialogProps {
  check: CheckResult;
  onClose(): void;
  /** Grants the waiver; a rejection is shown in the dialog. */
  onSubmit(waiver: WaiverRequest): Promise<void>;
  now?: Date;
}

/**
 * Asks why a check does not apply and until when (tomorrow to a year ahead, 90 days by
 * default), then grants the waiver; the backend's answer to a refused waiver is shown as it is.
 */
export function WaiverDialog(props: WaiverDialogProps) {
  const { check, onClose, onSubmit, now = new Date() } = props;
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(utcDay(now, DEFAULT_WAIVER_DAYS));
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const min = utcDay(now, 1);
  const max = utcDay(now, MAX_WAIVER_DAYS);
  const reasonMissing = reason.trim() === '';
  const expiryInvalid = !expires || expires < min || expires > max;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reasonMissing || expiryInvalid) return;
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit({
        checkId: check.id,
        reason: reason.trim(),
        // The start of the chosen UTC day: never more than a year after now.
        expiresAt: `${expires}T00:00:00.000Z`,
      });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      setSubmitting(false);
    }
  }

  const titleId = `mlops-waive-${check.id}-title`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Waive “{check.title}”</DialogTitle>
        <DialogContent>
          <DialogContentText>
            A waiver records that this check does not apply to the service.
            Until it expires the check counts towards the level, never towards
            the verified level; granting it is recorded in the history.
          </DialogContentText>
          <TextField
            id={`mlops-waive-${check.id}-reason`}
            label="Reason"
            helperText="Why the check does not apply, e.g. a batch model with no traffic to split"
            value={reason}
            onChange={e => setReason(e.target.value)}
            required
            multiline
            minRows={2}
            fullWidth
            margin="normal"
            variant="outlined"
            inputProps={{ maxLength: 2000 }}
          />
          <TextField
            id={`mlops-waive-${check.id}-expires`}
            label="Expires on (UTC)"
            type="date"
            helperText={`At most a year ahead, by ${max}`}
            value={expires}
            onChange={e => setExpires(e.target.value)}
            error={expiryInvalid}
            required
            fullWidth
            margin="normal"
            variant="outlined"
            InputLabelProps={{ shrink: true }}
            inputProps={{ min, max }}
          />
          {error && (
            <Typography variant="body2" color="error" role="alert">
              The waiver was not granted: {errorMessage(error)}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting || reasonMissing || expiryInvalid}
          >
            {submitting ? 'Waiving…' : 'Waive'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
