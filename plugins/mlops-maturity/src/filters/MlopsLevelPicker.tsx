import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import { EntityAutocompletePicker } from '@backstage/plugin-catalog-react';
import {
  formatMaturityLevel,
  MLOPS_LABELS,
  parseMaturityLevel,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { MlopsEntityFilters, MlopsLevelFilter } from './MlopsLevelFilter';

const optionLabel = (value: string) => {
  const level = parseMaturityLevel(value);
  return level === undefined ? value : formatMaturityLevel(level);
};

/**
 * The "MLOps level" picker of the catalog index page; its options are the levels the
 * catalog's entities carry in their level label.
 *
 * @public
 */
export const MlopsLevelPicker = () => (
  <EntityAutocompletePicker<MlopsEntityFilters, 'mlopsLevel'>
    label="MLOps level"
    name="mlopsLevel"
    path={`metadata.labels.${MLOPS_LABELS.level}`}
    Filter={MlopsLevelFilter}
    getOptionLabel={optionLabel}
    renderOption={(option, { selected }) => (
      <FormControlLabel
        control={<Checkbox checked={selected} size="small" />}
        label={optionLabel(option)}
        onClick={event => event.preventDefault()}
      />
    )}
  />
);
