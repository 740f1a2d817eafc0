import { Field, Select } from '@fluentui/react-components';
import type { RoutedNumber } from './api-schemas.ts';
import { useI18n } from './i18n-context.tsx';

/** Pick one of the organisation's numbers: "Storingsdienst (+31507000000)". */
export const NumberSelect = (props: {
  readonly numbers: readonly RoutedNumber[];
  readonly value: string | undefined;
  readonly onChange: (numberId: string) => void;
}) => {
  const { t } = useI18n();
  return (
    <Field label={t('common.number')}>
      <Select value={props.value ?? ''} onChange={(_, data) => props.onChange(data.value)}>
        {props.numbers.map((number) => (
          <option key={number.id} value={number.id}>
            {number.name} ({number.did})
          </option>
        ))}
      </Select>
    </Field>
  );
};
