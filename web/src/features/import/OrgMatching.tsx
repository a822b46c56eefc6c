import { Alert, Button, Card, Checkbox, Form, Select, Spin, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useUnits } from '../../api/hooks';
import type { ImportPreview } from '../../api/types';
import { CheckIcon, GroupIcon, WarningIcon } from '../../components/icons';
import { UnitSelect } from '../../components/UnitSelect';
import { useDebounced } from '../../components/useDebounced';
import { fold } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useOrgNames } from '../units/useOrgNames';
import { type OrgChoice, type OrgRow, statusOf } from './orgs';

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;
const SELECTOR = 'selector';
const NONE = 'none';
const UNIT = 'unit:';
const GROUP_PREVIEW = 8;

interface ChoiceOption {
  value: string;
  /** What the closed select shows: a plain name. */
  label: ReactNode;
  unitName?: string;
  /** Shown beside the name in the list only: confidence, level, a warning. */
  meta?: ReactNode;
}

function selectValue(choice: OrgChoice | undefined): string | undefined {
  if (!choice) return undefined;
  if (choice.kind === 'unit') return `${UNIT}${choice.unitId}`;
  return choice.kind === 'selector' ? SELECTOR : NONE;
}

function StatusTag({ row, choice }: { row: OrgRow; choice: OrgChoice | undefined }) {
  const { t } = useI18n();
  const status = statusOf(choice);
  if (status === 'matched') {
    const proposed = row.match?.status === 'matched' && choice?.kind === 'unit' && choice.unitId === row.match.unitId;
    return (
      <Tag color="green" className="tk-wrap-tag tk-tag-icon">
        <CheckIcon />{' '}
        {proposed
          ? t('import.org.matched', { confidence: percent(row.match?.confidence ?? 0) })
          : t('import.org.chosen')}
      </Tag>
    );
  }
  if (status === 'selector') {
    return (
      <Tag color="blue" className="tk-wrap-tag tk-tag-icon">
        <GroupIcon /> {t('import.org.selector', { count: row.match?.selector?.units.length ?? 0 })}
      </Tag>
    );
  }
  return (
    <Tag color="orange" className="tk-wrap-tag tk-tag-icon">
      <WarningIcon /> {choice?.kind === 'none' ? t('import.org.leftUnassigned') : t('import.org.unmatched')}
    </Tag>
  );
}

function SelectorUnits({ row }: { row: OrgRow }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const selector = row.match?.selector;
  if (!selector) return null;
  const shown = all ? selector.units : selector.units.slice(0, GROUP_PREVIEW);
  return (
    <div className="tk-org-group" data-testid="org-selector-units">
      <span className="tk-muted tk-small">{t('import.org.selectorExpands', { label: selector.label })}</span>
      <div className="tk-tags">
        {shown.map((unit) => (
          <Tag key={unit.id} className="tk-wrap-tag">
            <Link to={`/units/${unit.id}`} target="_blank" rel="noreferrer">
              {unit.name}
            </Link>
          </Tag>
        ))}
        {selector.units.length > GROUP_PREVIEW ? (
          <Button size="small" type="link" onClick={() => setAll(!all)}>
            {all ? t('import.org.showLess') : t('import.org.showAll', { count: selector.units.length - GROUP_PREVIEW })}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function OrgRowView({
  row,
  choice,
  onChange,
}: {
  row: OrgRow;
  choice: OrgChoice | undefined;
  onChange: (choice: OrgChoice) => void;
}) {
  const { t } = useI18n();
  const names = useOrgNames();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 250);
  const found = useUnits({ q: query }, query.length >= 2);
  const status = statusOf(choice);
  const match = row.match;
  const best = status === 'unmatched' ? match?.candidates.find((candidate) => candidate.activeAtDate) : undefined;

  const options = useMemo(() => {
    const candidateOptions: ChoiceOption[] = (match?.candidates ?? []).map((candidate) => ({
      value: `${UNIT}${candidate.unitId}`,
      unitName: candidate.name,
      label: candidate.name,
      meta: (
        <>
          {percent(candidate.confidence)}
          {candidate.activeAtDate ? null : <span className="tk-warning-text"> · {t('import.org.inactiveAtDate')}</span>}
        </>
      ),
    }));
    const known = new Set(candidateOptions.map((option) => option.value));
    const groups: { label: string; title: string; options: ChoiceOption[] }[] = [];
    const searching = search.trim().length > 0;

    if (searching) {
      const words = fold(search).split(/\s+/).filter(Boolean);
      const matchingCandidates = candidateOptions.filter((option) =>
        words.every((word) => fold(option.unitName ?? '').includes(word)),
      );
      const results: ChoiceOption[] = (query.length >= 2 ? (found.data ?? []) : [])
        .filter((unit) => !known.has(`${UNIT}${unit.id}`))
        .slice(0, 50)
        .map((unit) => ({
          value: `${UNIT}${unit.id}`,
          unitName: unit.name,
          label: unit.name,
          meta: names.levelName(unit.level),
        }));
      if (matchingCandidates.length > 0)
        groups.push({ label: t('import.org.candidates'), title: 'candidates', options: matchingCandidates });
      if (results.length > 0) groups.push({ label: t('import.org.directory'), title: 'directory', options: results });
    } else {
      const extra: ChoiceOption[] = [];
      if (choice?.kind === 'unit' && !known.has(`${UNIT}${choice.unitId}`)) {
        extra.push({ value: `${UNIT}${choice.unitId}`, unitName: choice.name, label: choice.name });
      }
      if (candidateOptions.length + extra.length > 0)
        groups.push({
          label: t('import.org.candidates'),
          title: 'candidates',
          options: [...extra, ...candidateOptions],
        });
      if (match?.selector) {
        groups.push({
          label: t('import.org.group'),
          title: 'group',
          options: [
            {
              value: SELECTOR,
              label: `${match.selector.label} (${t('import.org.unitCount', { count: match.selector.units.length })})`,
            },
          ],
        });
      }
    }
    groups.push({
      label: t('import.org.other'),
      title: 'other',
      options: [{ value: NONE, label: <span className="tk-muted">{t('import.org.none')}</span> }],
    });
    return groups;
  }, [match, choice, search, query, found.data, names, t]);

  const loading = search.trim().length >= 2 && (query !== search.trim() || found.isFetching);

  return (
    <div className={`tk-org-row tk-org-${status}`} data-testid="org-row" data-name={row.name} data-status={status}>
      <div className="tk-org-main">
        <div className="tk-org-name">{row.name}</div>
        <div className="tk-org-meta">
          <StatusTag row={row} choice={choice} />
          <span className="tk-muted tk-small">{t('import.org.occurrences', { count: row.occurrences })}</span>
        </div>
      </div>
      <div className="tk-org-pick" data-testid="org-unit-select">
        <Select<string>
          aria-label={t('import.org.pick', { name: row.name })}
          value={selectValue(choice)}
          placeholder={t('import.org.pickPlaceholder')}
          options={options}
          onChange={(value, option) => {
            setSearch('');
            if (value === NONE) onChange({ kind: 'none' });
            else if (value === SELECTOR) onChange({ kind: 'selector' });
            else {
              const picked = (Array.isArray(option) ? option[0] : option) as ChoiceOption | undefined;
              onChange({ kind: 'unit', unitId: value.slice(UNIT.length), name: picked?.unitName ?? '' });
            }
          }}
          showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
          notFoundContent={loading ? <Spin size="small" /> : t('common.noMatch')}
          optionRender={(option) => {
            const data = option.data as ChoiceOption;
            return (
              <span className="tk-option">
                <span className="tk-option-name">{data.label}</span>
                {data.meta ? <span className="tk-option-meta">{data.meta}</span> : null}
              </span>
            );
          }}
          popupMatchSelectWidth={false}
          classNames={{ popup: { root: 'tk-org-popup' } }}
          style={{ width: '100%' }}
        />
      </div>
      {!choice && best ? (
        <div className="tk-org-hint">
          <Button
            size="small"
            type="link"
            onClick={() => onChange({ kind: 'unit', unitId: best.unitId, name: best.name })}
            data-testid="org-use-suggestion"
          >
            {t('import.org.useSuggestion', { name: best.name, confidence: percent(best.confidence) })}
          </Button>
        </div>
      ) : null}
      {status === 'selector' ? <SelectorUnits row={row} /> : null}
    </div>
  );
}

/** Step 3: match every organisation name to a unit of the directory, and choose the owner unit. */
export function OrgMatching({
  preview,
  rows,
  choiceOf,
  onChoice,
  ownerUnitId,
  onOwner,
  ownerMissing,
  onBack,
  onNext,
}: {
  preview: ImportPreview;
  rows: OrgRow[];
  choiceOf: (row: OrgRow) => OrgChoice | undefined;
  onChoice: (name: string, choice: OrgChoice) => void;
  ownerUnitId: string | null;
  onOwner: (unitId: string | null) => void;
  ownerMissing: boolean;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useI18n();
  const [onlyUnresolved, setOnlyUnresolved] = useState(false);
  const unresolved = rows.filter((row) => statusOf(choiceOf(row)) === 'unmatched').length;
  const shown = onlyUnresolved ? rows.filter((row) => statusOf(choiceOf(row)) === 'unmatched') : rows;
  const owner = preview.owner;

  return (
    <div className="tk-stack" data-testid="import-orgs">
      <Card className="tk-section" title={t('import.owner')}>
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('import.ownerLabel')}
            htmlFor="import-owner"
            required
            validateStatus={ownerMissing && !ownerUnitId ? 'error' : undefined}
            help={ownerMissing && !ownerUnitId ? t('import.ownerRequired') : undefined}
            extra={
              owner
                ? t('import.ownerDetected', { name: owner.name, confidence: percent(owner.confidence) })
                : t('import.ownerNotDetected')
            }
            className="tk-m0"
          >
            <div data-testid="owner-unit-select">
              <UnitSelect id="import-owner" value={ownerUnitId} onChange={onOwner} />
            </div>
          </Form.Item>
        </Form>
      </Card>

      <Card
        className="tk-section"
        title={
          <span>
            {t('import.orgs')}
            <span className="tk-count">{rows.length}</span>
          </span>
        }
      >
        <div className="tk-stack">
          {unresolved > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="org-unresolved"
              title={t('import.org.unresolvedCount', { count: unresolved })}
              description={t('import.org.unresolvedHelp')}
            />
          ) : rows.length > 0 ? (
            <Alert
              type="success"
              showIcon
              data-testid="org-unresolved"
              title={t('import.org.allResolved', { count: rows.length })}
            />
          ) : (
            <Alert type="info" showIcon title={t('import.org.noOrgs')} />
          )}
          {unresolved > 0 && unresolved < rows.length ? (
            <Checkbox checked={onlyUnresolved} onChange={(event) => setOnlyUnresolved(event.target.checked)}>
              {t('import.org.onlyUnresolved')}
            </Checkbox>
          ) : null}
          <div className="tk-org-list">
            {shown.map((row) => (
              <OrgRowView
                key={row.name}
                row={row}
                choice={choiceOf(row)}
                onChange={(choice) => onChoice(row.name, choice)}
              />
            ))}
          </div>
          {shown.length === 0 && rows.length > 0 ? (
            <Typography.Text type="secondary">{t('import.org.noneLeft')}</Typography.Text>
          ) : null}
        </div>
      </Card>

      <div className="tk-step-actions">
        <Button onClick={onBack}>{t('import.back')}</Button>
        <Button type="primary" onClick={onNext} data-testid="import-next-confirm">
          {t('import.nextConfirm')}
        </Button>
      </div>
    </div>
  );
}
