import { Button, Modal } from '@mantine/core';
import { t } from '../../i18n';
import { notifySuccess } from '../../lib/notify';
import { ChangePasswordForm } from './ChangePasswordForm';

/** 修改密码 from the header's user menu: the sign-in goes on, only the password changes. */
export function ChangePasswordModal({ opened, loginName, onClose }: { opened: boolean; loginName: string; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={t.auth.changePassword.title} centered>
      {opened ? (
        <ChangePasswordForm
          loginName={loginName}
          onDone={() => {
            notifySuccess(t.auth.changePassword.done);
            onClose();
          }}
          actions={
            <Button variant="default" onClick={onClose}>
              {t.common.cancel}
            </Button>
          }
        />
      ) : null}
    </Modal>
  );
}
