import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { DownloadIcon, UploadIcon } from '../../components/icons';
import { useI18n } from '../../i18n/I18nProvider';

/** Export the unit's form as an .xlsx template and import it back (issue 8). */
export interface SpreadsheetActionsProps {
  unitId: string;
  periodKey: string;
  /** Called after an import saved cells so that the form reloads. */
  onImported?: () => void;
}

/** One problem of an imported sheet (server: spreadsheet.service.ts SheetProblem). */
export interface SpreadsheetProblem {
  row: number;
  column: string;
  cell: string;
  element: string;
  combo: string;
  label: string;
  kind: 'error' | 'warning' | 'conflict';
  code: string;
  message: string;
}

export interface SpreadsheetReport {
  rows: number;
  changed: number;
  valid: number;
  problems: SpreadsheetProblem[];
  saved: number;
  supplement: boolean;
}

const MAX_MB = 2;
/** Tap targets of at least 40 px on touch screens. */
const TAP = { minHeight: 40 };
const base = (unitId: string, periodKey: string) =>
  `/indicators/forms/${encodeURIComponent(unitId)}/${encodeURIComponent(periodKey)}`;

export const spreadsheetTemplateUrl = (unitId: string, periodKey: string) =>
  `/api/v1${base(unitId, periodKey)}/template.xlsx`;

function useImportSpreadsheet(unitId: string, periodKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; acceptValidPart: boolean; reason?: string }) => {
      const body = new FormData();
      body.append('file', input.file, input.file.name);
      return api<SpreadsheetReport>(`${base(unitId, periodKey)}/import`, {
        method: 'POST',
        body,
        query: { acceptValidPart: input.acceptValidPart ? 'true' : undefined, reason: input.reason },
      });
    },
    onSuccess: (report) => {
      if (report.saved > 0) void client.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
}

const KIND_COLOR: Record<SpreadsheetProblem['kind'], string> = { error: 'red', warning: 'gold', conflict: 'purple' };

/** The download and upload buttons of a form, and the report of an import cell by cell. */
export function SpreadsheetActions({ unitId, periodKey, onImported }: SpreadsheetActionsProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const importSheet = useImportSpreadsheet(unitId, periodKey);
  const [file, setFile] = useState<File | null>(null);
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<SpreadsheetReport | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [reason, setReason] = useState('');

  const run = (picked: File, acceptValidPart: boolean) => {
    setFile(picked);
    setOpen(true);
    importSheet.mutate(
      { file: picked, acceptValidPart, reason: reason.trim() || undefined },
      {
        onSuccess: (r) => {
          setReport(r);
          setFailure(null);
          if (r.saved > 0) {
            message.success(t('indicators.sheet.saved', { count: r.saved }));
            onImported?.();
          }
        },
        onError: (error) => {
          const e = error instanceof ApiError ? error : new ApiError(0, 'network', '');
          setFailure(e);
          const partial = e.problem.report as SpreadsheetReport | undefined;
          setReport(partial ?? null);
        },
      },
    );
  };

  const close = () => {
    setOpen(false);
    setReport(null);
    setFailure(null);
    setReason('');
  };
  const needsReason = failure?.code === 'figures_locked_reason_required';
  const canSaveValid = failure?.code === 'sheet_has_problems' && (report?.valid ?? 0) > 0;

  return (
    <div className="tk-spreadsheet-actions" data-testid="spreadsheet-actions">
      <Space wrap>
        <Button
          href={spreadsheetTemplateUrl(unitId, periodKey)}
          icon={<DownloadIcon />}
          style={TAP}
          data-testid="spreadsheet-download"
        >
          {t('indicators.sheet.download')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(picked) => {
            if (picked.size > MAX_MB * 1024 * 1024) {
              message.error(t('indicators.sheet.tooLarge', { max: MAX_MB }));
              return Upload.LIST_IGNORE;
            }
            setReason('');
            run(picked, false);
            return false;
          }}
        >
          <Button icon={<UploadIcon />} loading={importSheet.isPending} style={TAP} data-testid="spreadsheet-upload">
            {t('indicators.sheet.upload')}
          </Button>
        </Upload>
      </Space>
      <Modal
        open={open}
        title={t('indicators.sheet.reportTitle')}
        onCancel={close}
        width={900}
        footer={
          <Space wrap>
            {canSaveValid && file && (
              <Button
                type="primary"
                loading={importSheet.isPending}
                onClick={() => run(file, true)}
                style={TAP}
                data-testid="spreadsheet-accept-valid"
              >
                {t('indicators.sheet.acceptValid', { count: report?.valid ?? 0 })}
              </Button>
            )}
            {needsReason && file && (
              <Button
                type="primary"
                disabled={reason.trim() === ''}
                loading={importSheet.isPending}
                onClick={() => run(file, false)}
                style={TAP}
              >
                {t('indicators.sheet.retryWithReason')}
              </Button>
            )}
            <Button onClick={close} style={TAP}>
              {t('indicators.sheet.close')}
            </Button>
          </Space>
        }
      >
        <div className="tk-stack" data-testid="spreadsheet-report">
          {importSheet.isPending && <Typography.Text>{t('indicators.sheet.reading')}</Typography.Text>}
          {!importSheet.isPending && failure && (
            <Alert type="error" showIcon message={failure.detail || t('indicators.sheet.failed')} />
          )}
          {!importSheet.isPending && !failure && report && (
            <Alert
              type={report.problems.length > 0 ? 'warning' : 'success'}
              showIcon
              message={t('indicators.sheet.summary', {
                rows: report.rows,
                changed: report.changed,
                saved: report.saved,
                problems: report.problems.length,
              })}
            />
          )}
          {needsReason && (
            <Input.TextArea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={1000}
              placeholder={t('indicators.sheet.reason')}
              autoSize={{ minRows: 2 }}
            />
          )}
          {report && report.problems.length > 0 && (
            <Table<SpreadsheetProblem>
              size="small"
              rowKey={(p) => `${p.cell}-${p.code}`}
              dataSource={report.problems}
              pagination={report.problems.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: true }}
              columns={[
                { title: t('indicators.sheet.cell'), dataIndex: 'cell', width: 70 },
                { title: t('indicators.sheet.element'), dataIndex: 'label' },
                {
                  title: t('indicators.sheet.problem'),
                  render: (_, p) => (
                    <span>
                      <Tag color={KIND_COLOR[p.kind]}>{t(`indicators.sheet.kind.${p.kind}`)}</Tag>
                      {p.message}
                    </span>
                  ),
                },
              ]}
            />
          )}
        </div>
      </Modal>
    </div>
  );
}
