import { Alert, Form, Modal, Select } from 'antd';
import { useAddDocumentLink } from '../../api/hooks';
import type { DocRelation } from '../../api/types';
import { useErrorMessage } from '../../components/ErrorResult';
import { useI18n } from '../../i18n/I18nProvider';
import { DocumentSelect } from './DocumentSelect';
import { DOC_RELATIONS } from './docTypes';

interface Values {
  toDocumentId: string;
  relation: DocRelation;
}

/** Link this document to another registered one ("this implements that"). Mount it to open it. */
export function LinkModal({ documentId, onClose }: { documentId: string; onClose: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const add = useAddDocumentLink(documentId);
  const errorMessage = useErrorMessage();

  return (
    <Modal
      open
      title={t('doc.addLink')}
      okText={t('doc.addLinkOk')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'link-save' }}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ relation: 'implements' }}
        onFinish={(values) => add.mutate(values, { onSuccess: onClose })}
        data-testid="link-form"
      >
        <Form.Item label={t('doc.linkRelation')} name="relation" extra={t('doc.linkRelationHelp')}>
          <Select
            options={DOC_RELATIONS.map((value) => ({ value, label: label('relation', value) }))}
            data-testid="link-relation"
          />
        </Form.Item>
        <Form.Item
          label={t('doc.linkTarget')}
          name="toDocumentId"
          rules={[{ required: true, message: t('doc.linkTargetRequired') }]}
        >
          <DocumentSelect excludeId={documentId} />
        </Form.Item>
        {add.isError ? <Alert type="error" showIcon title={errorMessage(add.error)} /> : null}
      </Form>
    </Modal>
  );
}
