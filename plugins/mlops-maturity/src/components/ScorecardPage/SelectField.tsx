import TextField from '@material-ui/core/TextField';

/** One choice of a {@link SelectField}. */
export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled native select, the one control the page uses for every choice: native so that
 * keyboards and screen readers get the browser's own select, with the label kept above the value.
 */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  className?: string;
  variant?: 'outlined' | 'standard';
}) {
  const { id, label, value, options, onChange, className } = props;
  return (
    <TextField
      id={id}
      className={className}
      select
      label={label}
      value={value}
      onChange={e => onChange(e.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant={props.variant ?? 'outlined'}
      size="small"
    >
      {options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
