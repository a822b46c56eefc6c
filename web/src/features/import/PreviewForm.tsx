import { Alert, AutoComplete, Button, Card, Checkbox, Form, type FormListFieldData, Input, Select } from 'antd';
import { type ReactNode, useMemo } from 'react';
import type {
  AssignmentRole,
  ImportPreview,
  ImportReference,
  ImportTask,
  PlanImport,
  Recurrence,
  ReferenceRelation,
} from '../../api/types';
import { IsoDatePicker } from '../../components/IsoDatePicker';
import { DeleteIcon, PlusIcon } from '../../components/icons';
import { fold } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { normalizePlan } from './orgs';

export const ROLES: AssignmentRole[] = ['lead', 'responsible', 'coordinate', 'advised', 'report_to'];
export const RECURRENCES: Recurrence[] = ['annual', 'semiannual', 'quarterly', 'monthly'];
export const REFERENCE_RELATIONS: ReferenceRelation[] = ['implements', 'basis', 'cites'];
const PURPOSES = ['b/c', 't/h', 'p/h', 'c/đ', 'lưu'];
const AUTHORITIES = ['T/M', 'K/T', 'T/L'];

const EMPTY_REFERENCE: ImportReference = {
  asWritten: '',
  system: null,
  typeName: null,
  typeCode: null,
  number: null,
  symbol: null,
  issuerCode: null,
  issuer: null,
  date: null,
  relation: 'cites',
};

const EMPTY_TASK: ImportTask = {
  ref: '',
  title: null,
  text: '',
  assignments: [{ organization: '', role: 'lead' }],
  deadline: null,
  recurrence: null,
};

/** Null in the JSON is "nothing selected" in a Select. */
const nullable = (value: unknown) => ({ value: value ?? undefined });

function EditCard({
  title,
  count,
  children,
  onAdd,
  addLabel,
  testId,
}: {
  title: string;
  count?: number;
  children: ReactNode;
  onAdd?: () => void;
  addLabel?: string;
  testId?: string;
}) {
  return (
    <Card
      className="tk-section tk-edit-card"
      data-testid={testId}
      title={
        <span>
          {title}
          {count !== undefined ? <span className="tk-count">{count}</span> : null}
        </span>
      }
    >
      {children}
      {onAdd ? (
        <Button type="dashed" block icon={<PlusIcon />} onClick={onAdd} className="tk-add-button">
          {addLabel}
        </Button>
      ) : null}
    </Card>
  );
}

function RemoveButton({ onClick, label }: { onClick: () => void; label: string }) {
  return <Button type="text" danger icon={<DeleteIcon />} onClick={onClick} aria-label={label} title={label} />;
}

/** Suggests the names the server already matched, so that edited names stay matchable. */
function OrgInput({
  value,
  onChange,
  names,
  placeholder,
  id,
}: {
  value?: string | null;
  onChange?: (value: string) => void;
  names: string[];
  placeholder?: string;
  id?: string;
}) {
  const options = useMemo(() => {
    const words = fold(value ?? '')
      .split(/\s+/)
      .filter(Boolean);
    return names
      .filter((name) => name !== value && words.every((word) => fold(name).includes(word)))
      .slice(0, 12)
      .map((name) => ({ value: name }));
  }, [names, value]);
  return (
    <AutoComplete
      id={id}
      value={value ?? ''}
      onChange={(next: string) => onChange?.(next)}
      options={options}
      placeholder={placeholder}
      style={{ width: '100%' }}
    />
  );
}

function TaskEditor({
  field,
  remove,
  names,
}: {
  field: FormListFieldData;
  remove: (index: number) => void;
  names: string[];
}) {
  const { t, label } = useI18n();
  return (
    <div className="tk-edit-item" data-testid="preview-task">
      <div className="tk-edit-task-head">
        <Form.Item name={[field.name, 'ref']} label={t('import.task.ref')} className="tk-edit-ref">
          <Input />
        </Form.Item>
        <Form.Item name={[field.name, 'title']} label={t('import.task.title')} className="tk-grow">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <RemoveButton onClick={() => remove(field.name)} label={t('import.task.remove')} />
      </div>
      <Form.Item
        name={[field.name, 'text']}
        label={t('import.task.text')}
        rules={[{ required: true, whitespace: true, message: t('import.task.textRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
      </Form.Item>
      <div className="tk-form-row">
        <Form.Item name={[field.name, 'deadline']} label={t('task.deadline')}>
          <IsoDatePicker />
        </Form.Item>
        <Form.Item name={[field.name, 'recurrence']} label={t('task.recurrence')} getValueProps={nullable}>
          <Select
            allowClear
            placeholder={t('import.task.noRecurrence')}
            options={RECURRENCES.map((value) => ({ value, label: label('recurrence', value) }))}
          />
        </Form.Item>
      </div>
      <div className="tk-closing-label">{t('import.task.assignments')}</div>
      <Form.List name={[field.name, 'assignments']}>
        {(items, { add, remove: removeAssignment }) => (
          <div className="tk-edit-assignments">
            {items.map((item) => (
              <div key={item.key} className="tk-edit-assignment" data-testid="preview-assignment">
                <Form.Item name={[item.name, 'role']} className="tk-edit-role">
                  <Select
                    aria-label={t('import.task.role')}
                    options={ROLES.map((value) => ({ value, label: label('role', value) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[item.name, 'organization']}
                  className="tk-grow"
                  rules={[{ required: true, whitespace: true, message: t('import.task.organizationRequired') }]}
                >
                  <OrgInput names={names} placeholder={t('import.task.organization')} />
                </Form.Item>
                <RemoveButton onClick={() => removeAssignment(item.name)} label={t('import.task.removeAssignment')} />
              </div>
            ))}
            <Button size="small" icon={<PlusIcon />} onClick={() => add({ organization: '', role: 'coordinate' })}>
              {t('import.task.addAssignment')}
            </Button>
          </div>
        )}
      </Form.List>
    </div>
  );
}

/** Step 2: every extracted item, editable. Stays mounted while the other steps are shown. */
export function PreviewForm({
  preview,
  onBack,
  onNext,
}: {
  preview: ImportPreview;
  onBack: () => void;
  onNext: (plan: PlanImport) => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<PlanImport>();
  const names = useMemo(() => [...new Set(preview.organizations.map((org) => org.name))], [preview]);
  const source = preview.plan.source;
  const counts = Form.useWatch(
    (values: PlanImport) => ({
      references: values.references?.length ?? 0,
      sections: values.sections?.length ?? 0,
      objectives: values.objectives?.length ?? 0,
      tasks: values.tasks?.length ?? 0,
      addressees: values.addressees?.length ?? 0,
      recipients: values.recipients?.length ?? 0,
    }),
    form,
  );

  const systemOptions = [
    { value: 'party', label: t('system.party') },
    { value: 'state', label: t('system.state') },
  ];

  return (
    <div className="tk-stack" data-testid="import-preview">
      <div className="tk-source-line tk-muted tk-small">
        {[
          source.fileName ? t('import.sourceFile', { name: source.fileName }) : t('import.sourceText'),
          source.encoding ? t('import.encoding', { encoding: source.encoding }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
      {source.warnings.map((warning) => (
        <Alert key={warning} type="warning" showIcon title={warning} data-testid="import-warning" />
      ))}
      <Alert type="info" showIcon title={t('import.reviewHelp')} />

      <Form<PlanImport>
        form={form}
        layout="vertical"
        initialValues={preview.plan}
        onFinish={() => onNext(normalizePlan(form.getFieldsValue(true) as PlanImport))}
        scrollToFirstError={{ block: 'center' }}
        className="tk-stack tk-edit-form"
      >
        <EditCard title={t('import.documentInfo')} testId="preview-document">
          <div className="tk-form-grid">
            <Form.Item name={['document', 'system']} label={t('doc.system')} getValueProps={nullable}>
              <Select allowClear options={systemOptions} placeholder={t('doc.systemUnknown')} />
            </Form.Item>
            <Form.Item name={['document', 'typeName']} label={t('doc.typeName')}>
              <Input />
            </Form.Item>
            <Form.Item name={['document', 'typeCode']} label={t('doc.typeCode')}>
              <Input />
            </Form.Item>
            <Form.Item name={['document', 'number']} label={t('doc.number')}>
              <Input />
            </Form.Item>
            <Form.Item name={['document', 'symbol']} label={t('doc.symbol')}>
              <Input />
            </Form.Item>
            <Form.Item name={['document', 'date']} label={t('doc.date')}>
              <IsoDatePicker />
            </Form.Item>
            <Form.Item name={['document', 'issuerCode']} label={t('doc.issuerCode')}>
              <Input />
            </Form.Item>
            <Form.Item name={['document', 'issuer']} label={t('doc.issuer')}>
              <Input />
            </Form.Item>
            <Form.Item name={['document', 'place']} label={t('doc.place')}>
              <Input />
            </Form.Item>
            <Form.Item
              name={['document', 'title']}
              label={t('doc.title')}
              className="tk-span-all"
              rules={[{ required: true, whitespace: true, message: t('doc.titleRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="preview-title" />
            </Form.Item>
          </div>
        </EditCard>

        <Form.List name="references">
          {(fields, { add, remove }) => (
            <EditCard
              title={t('plan.references')}
              count={counts?.references}
              onAdd={() => add({ ...EMPTY_REFERENCE })}
              addLabel={t('import.addReference')}
              testId="preview-references"
            >
              {fields.map((field) => (
                <div key={field.key} className="tk-edit-item tk-edit-reference" data-testid="preview-reference">
                  <Form.Item name={[field.name, 'relation']} label={t('import.relation')} className="tk-ref-relation">
                    <Select
                      options={REFERENCE_RELATIONS.map((value) => ({ value, label: label('relation', value) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'asWritten']}
                    label={t('import.asWritten')}
                    rules={[{ required: true, whitespace: true, message: t('import.asWrittenRequired') }]}
                    className="tk-ref-text"
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'symbol']} label={t('doc.symbol')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, 'date']} label={t('doc.date')} className="tk-ref-date">
                    <IsoDatePicker />
                  </Form.Item>
                  <div className="tk-edit-remove">
                    <RemoveButton onClick={() => remove(field.name)} label={t('import.removeReference')} />
                  </div>
                </div>
              ))}
            </EditCard>
          )}
        </Form.List>

        <Form.List name="sections">
          {(fields, { add, remove }) => (
            <EditCard
              title={t('import.sections')}
              count={counts?.sections}
              onAdd={() => add({ label: '', title: '', children: [] })}
              addLabel={t('import.addSection')}
            >
              {fields.map((field) => (
                <div key={field.key} className="tk-edit-item">
                  <div className="tk-edit-line">
                    <Form.Item name={[field.name, 'label']} className="tk-edit-ref">
                      <Input aria-label={t('import.sectionLabel')} placeholder="I" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'title']} className="tk-grow">
                      <Input.TextArea
                        autoSize={{ minRows: 1, maxRows: 4 }}
                        aria-label={t('import.sectionTitle')}
                        placeholder={t('import.sectionTitle')}
                      />
                    </Form.Item>
                    <RemoveButton onClick={() => remove(field.name)} label={t('import.removeSection')} />
                  </div>
                  <Form.List name={[field.name, 'children']}>
                    {(children, { add: addChild, remove: removeChild }) => (
                      <div className="tk-edit-children">
                        {children.map((child) => (
                          <div key={child.key} className="tk-edit-line">
                            <Form.Item name={[child.name, 'label']} className="tk-edit-ref">
                              <Input aria-label={t('import.sectionLabel')} placeholder="1" />
                            </Form.Item>
                            <Form.Item name={[child.name, 'title']} className="tk-grow">
                              <Input.TextArea
                                autoSize={{ minRows: 1, maxRows: 4 }}
                                aria-label={t('import.sectionTitle')}
                                placeholder={t('import.sectionTitle')}
                              />
                            </Form.Item>
                            <RemoveButton onClick={() => removeChild(child.name)} label={t('import.removeSection')} />
                          </div>
                        ))}
                        <Button size="small" icon={<PlusIcon />} onClick={() => addChild({ label: '', title: '' })}>
                          {t('import.addSubsection')}
                        </Button>
                      </div>
                    )}
                  </Form.List>
                </div>
              ))}
            </EditCard>
          )}
        </Form.List>

        <Form.List name="objectives">
          {(fields, { add, remove }) => (
            <EditCard
              title={t('plan.objectives')}
              count={counts?.objectives}
              onAdd={() => add('')}
              addLabel={t('import.addObjective')}
            >
              {fields.map((field, index) => (
                <div key={field.key} className="tk-edit-line">
                  <span className="tk-edit-index">{index + 1}.</span>
                  <Form.Item name={field.name} className="tk-grow">
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} aria-label={t('plan.objectives')} />
                  </Form.Item>
                  <RemoveButton onClick={() => remove(field.name)} label={t('import.removeObjective')} />
                </div>
              ))}
            </EditCard>
          )}
        </Form.List>

        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <EditCard
              title={t('plan.tasks')}
              count={counts?.tasks}
              onAdd={() => add({ ...EMPTY_TASK, assignments: [{ organization: '', role: 'lead' }] })}
              addLabel={t('import.addTask')}
              testId="preview-tasks"
            >
              <div className="tk-edit-list">
                {fields.map((field) => (
                  <TaskEditor key={field.key} field={field} remove={remove} names={names} />
                ))}
              </div>
            </EditCard>
          )}
        </Form.List>

        <Form.List name="addressees">
          {(fields, { add, remove }) => (
            <EditCard
              title={t('plan.addressees')}
              count={counts?.addressees}
              onAdd={() => add('')}
              addLabel={t('import.addAddressee')}
            >
              {fields.map((field) => (
                <div key={field.key} className="tk-edit-line">
                  <Form.Item name={field.name} className="tk-grow">
                    <Input aria-label={t('plan.addressees')} />
                  </Form.Item>
                  <RemoveButton onClick={() => remove(field.name)} label={t('import.removeAddressee')} />
                </div>
              ))}
            </EditCard>
          )}
        </Form.List>

        <Form.List name="recipients">
          {(fields, { add, remove }) => (
            <EditCard
              title={t('plan.recipients')}
              count={counts?.recipients}
              onAdd={() => add({ asWritten: '', organization: null, purpose: null, isArchive: false })}
              addLabel={t('import.addRecipient')}
              testId="preview-recipients"
            >
              {fields.map((field) => (
                <div key={field.key} className="tk-edit-item tk-edit-recipient" data-testid="preview-recipient">
                  <Form.Item
                    name={[field.name, 'asWritten']}
                    label={t('import.asWritten')}
                    rules={[{ required: true, whitespace: true, message: t('import.asWrittenRequired') }]}
                    className="tk-ref-text"
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'organization']}
                    label={t('import.organization')}
                    className="tk-ref-text"
                  >
                    <OrgInput names={names} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'purpose']} label={t('import.purpose')} getValueProps={nullable}>
                    <AutoComplete
                      options={PURPOSES.map((value) => ({ value, label: `${value} — ${label('purpose', value)}` }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'isArchive']}
                    valuePropName="checked"
                    label=" "
                    className="tk-edit-check"
                  >
                    <Checkbox>{t('plan.archive')}</Checkbox>
                  </Form.Item>
                  <div className="tk-edit-remove">
                    <RemoveButton onClick={() => remove(field.name)} label={t('import.removeRecipient')} />
                  </div>
                </div>
              ))}
            </EditCard>
          )}
        </Form.List>

        <EditCard title={t('plan.signer')}>
          <div className="tk-form-grid">
            <Form.Item name={['signer', 'authority']} label={t('import.signer.authority')} getValueProps={nullable}>
              <AutoComplete options={AUTHORITIES.map((value) => ({ value }))} />
            </Form.Item>
            <Form.Item name={['signer', 'onBehalfOf']} label={t('import.signer.onBehalfOf')}>
              <Input />
            </Form.Item>
            <Form.Item name={['signer', 'title']} label={t('import.signer.title')}>
              <Input />
            </Form.Item>
            <Form.Item name={['signer', 'name']} label={t('import.signer.name')}>
              <Input />
            </Form.Item>
          </div>
        </EditCard>
      </Form>

      <div className="tk-step-actions">
        <Button onClick={onBack}>{t('import.back')}</Button>
        <Button type="primary" onClick={() => form.submit()} data-testid="import-next">
          {t('import.nextOrgs')}
        </Button>
      </div>
    </div>
  );
}
