import type { ReactNode } from 'react';
import { TableScroll } from './table-scroll';

/**
 * A captioned table with one header row, scrolling sideways on small screens: `label` names both
 * the scroll region and the caption, so screen readers announce it the same way everywhere.
 */
export function DataTable({
  label,
  columns,
  testId,
  children,
}: {
  label: string;
  columns: readonly string[];
  testId?: string;
  /** The body rows. */
  children: ReactNode;
}) {
  return (
    <TableScroll label={label}>
      <table className="table" data-testid={testId}>
        <caption>{label}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
