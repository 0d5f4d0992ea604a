import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';

/** One column of a {@link ColumnHeaders} row; numbers are aligned right. */
export interface ColumnHeader {
  label: string;
  numeric?: boolean;
}

/** The header row of one of the page's tables: a column header per column. */
export function ColumnHeaders(props: { columns: readonly ColumnHeader[] }) {
  return (
    <TableHead>
      <TableRow>
        {props.columns.map(column => (
          <TableCell
            key={column.label}
            component="th"
            scope="col"
            align={column.numeric ? 'right' : undefined}
          >
            {column.label}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}
