import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n } from './i18n-context.tsx';

/** A button whose action happens only after "are you sure?" in a modal dialog (focus trapped, Esc cancels). */
export const ConfirmButton = (props: {
  readonly label: string;
  readonly accessibleLabel?: string;
  readonly title: string;
  readonly body: string;
  readonly confirmLabel?: string;
  readonly disabled?: boolean;
  readonly onConfirm: () => void;
}) => {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small" disabled={props.disabled} aria-label={props.accessibleLabel}>
          {props.label}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>{props.body}</DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={() => {
                setOpen(false);
                props.onConfirm();
              }}
            >
              {props.confirmLabel ?? props.label}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button>{t('common.cancel')}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
};
