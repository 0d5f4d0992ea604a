import type { ReactElement } from 'react';
import Box, { type BoxProps } from '@material-ui/core/Box';
import { ResponsiveContainer } from 'recharts';

/** A chart that fills a box of the given height and the width of its container. */
export function ChartBox(
  props: Omit<BoxProps, 'children'> & { children: ReactElement },
) {
  const { children, ...box } = props;
  return (
    <Box {...box}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </Box>
  );
}
