import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { IsoDatePicker } from '../../components/IsoDatePicker';
import { DownloadIcon } from '../../components/icons';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { StaleVersionAlert } from '../../components/StaleVersionAlert';
import { formatDate, todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { type Letter, type LetterBody, letterDocxUrl, useIssueLetter, useLetter, useSaveLetter } from './hooks';

/** The form's shape: lists as one line per item ("text | purpose" for "Nơi nhận"). */
interface Fields {
  superiorBody: string;
  issuer: string;
  typeCode: string;
  issuerCode: string;
  place: string;
  subject: string;
  addressees: string;
  paragraphs: string;
  recipients: string;
  archive: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function toFields(l: Letter): Fields {
  return {
    superiorBody: l.superiorBody ?? '',
    issuer: l.issuer,
    typeCode: l.typeCode,
    issuerCode: l.issuerCode,
    place: l.place,
    subject: l.subject,
    addressees: l.addressees.join('\n'),
    paragraphs: l.paragraphs.join('\n\n'),
    recipients: l.recipients.map((r) => (r.purpose ? `${r.text} | ${r.purpose}` : r.text)).join('\n'),
    archive: l.archive,
    signerAuthority: l.signerAuthority ?? '',
    signerTitle: l.signerTitle,
    signerName: l.signerName ?? '',
  };
}

function toBody(f: Fields, version: number): LetterBody {
  return {
    superiorBody: f.superiorBody.trim() || null,
    issuer: f.issuer,
    typeCode: f.typeCode.trim(),
    issuerCode: f.issuerCode.trim(),
    place: f.place,
    subject: f.subject,
    addressees: lines(f.addressees),
    paragraphs: f.paragraphs
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    recipients: lines(f.recipients).map((line) => {
      const [text = '', purpose] = line.split('|').map((s) => s.trim());
      return purpose ? { text, purpose } : { text };
    }),
    archive: f.archive,
    signerAuthority: f.signerAuthority.trim() || null,
    signerTitle: f.signerTitle,
    signerName: f.signerName.trim() || null,
    version,
  };
}

/** The request for explanation: the receiving level edits the draft, downloads it (.docx), and issues it. */
export default function LetterPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const letter = useLetter(id);
  const save = useSaveLetter(id);
  const issue = useIssueLetter(id);
  const [form] = Form.useForm<Fields>();
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState<string | null>(todayIso());
  const data = letter.data;

  useEffect(() => {
    if (data) form.setFieldsValue(toFields(data));
  }, [data, form]);

  if (letter.isPending) return <Loading />;
  if (letter.isError || !data) return <ErrorResult error={letter.error} onRetry={() => void letter.refetch()} />;
  const editable = data.actions.includes('letter.edit');
  const fail = (error: unknown) => {
    if (!(error instanceof ApiError && error.code === 'stale_version'))
      void message.error(error instanceof ApiError ? error.detail : String(error));
  };

  const onSave = (values: Fields) =>
    save.mutate(toBody(values, data.version), {
      onSuccess: () => void message.success(t('letter.saved')),
      onError: fail,
    });
  const onIssue = () =>
    issue.mutate(
      { number: number.trim(), issuedOn: issuedOn ?? '', version: data.version },
      { onSuccess: () => void message.success(t('letter.issuedDone')), onError: fail },
    );

  const text = (name: keyof Fields, rows?: number) => (
    <Form.Item
      name={name}
      label={t(`letter.field.${name}`)}
      rules={
        name === 'superiorBody' || name === 'signerAuthority' || name === 'signerName'
          ? []
          : [{ required: true, whitespace: true }]
      }
    >
      {rows ? <Input.TextArea autoSize={{ minRows: rows, maxRows: 20 }} /> : <Input />}
    </Form.Item>
  );

  return (
    <div className="tk-stack" data-testid="letter-page">
      <PageTitle
        title={t('letter.title')}
        extra={
          <Space wrap>
            <Tag color={data.status === 'issued' ? 'green' : 'gold'}>{t(`letter.status.${data.status}`)}</Tag>
            <Button href={letterDocxUrl(id)} icon={<DownloadIcon />} data-testid="letter-download">
              {t('letter.download')}
            </Button>
          </Space>
        }
      >
        {t('letter.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">
        {t('letter.about', {
          unit: data.unitName,
          plan: data.planTitle,
          period: data.periodKey,
          deadline: formatDate(data.deadline),
        })}
      </Typography.Paragraph>
      {data.status === 'issued' ? (
        <Alert
          type="success"
          showIcon
          message={t('letter.issuedAs', { number: data.number ?? '', date: formatDate(data.issuedOn) })}
        />
      ) : null}
      <StaleVersionAlert<Letter>
        error={save.error ?? issue.error}
        fields={[]}
        onReload={() => {
          save.reset();
          issue.reset();
          void letter.refetch();
        }}
      />
      <Card className="tk-section">
        <Form form={form} layout="vertical" onFinish={onSave} disabled={!editable} data-testid="letter-form">
          {text('superiorBody')}
          {text('issuer')}
          <Space wrap style={{ width: '100%' }}>
            {text('typeCode')}
            {text('issuerCode')}
            {text('place')}
          </Space>
          {text('subject', 2)}
          {text('addressees', 1)}
          {text('paragraphs', 8)}
          {text('recipients', 3)}
          {text('archive')}
          {text('signerAuthority')}
          {text('signerTitle')}
          {text('signerName')}
          {editable ? (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="letter-save">
              {t('action.save')}
            </Button>
          ) : null}
        </Form>
      </Card>
      {editable ? (
        <Card className="tk-section" title={t('letter.issueTitle')}>
          <Typography.Paragraph type="secondary">{t('letter.issueHelp')}</Typography.Paragraph>
          <Space wrap align="end">
            <div>
              <div>{t('letter.number')}</div>
              <Input
                value={number}
                onChange={(e) => setNumber(e.target.value)}
                style={{ width: 120 }}
                data-testid="letter-number"
                inputMode="numeric"
              />
            </div>
            <div style={{ minWidth: 160 }}>
              <div>{t('letter.issuedOn')}</div>
              <IsoDatePicker value={issuedOn} onChange={setIssuedOn} />
            </div>
            <Popconfirm
              title={t('letter.issueConfirm')}
              onConfirm={onIssue}
              disabled={!/^\d{1,6}$/.test(number.trim()) || !issuedOn}
            >
              <Button
                type="primary"
                loading={issue.isPending}
                disabled={!/^\d{1,6}$/.test(number.trim()) || !issuedOn}
                data-testid="letter-issue"
              >
                {t('letter.issue')}
              </Button>
            </Popconfirm>
          </Space>
        </Card>
      ) : null}
    </div>
  );
}
