import type ExcelJSModule from 'exceljs';

let loading: Promise<typeof ExcelJSModule> | undefined;

/**
 * exceljs, loaded when the first workbook is made: imported at the top of a module it was read and
 * evaluated at every server start (about a third of the start-up's CPU), though most servers run
 * for days without writing a workbook.
 */
export function loadExcel(): Promise<typeof ExcelJSModule> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
