// The customer's details: "Signed in as …" for a known customer, else name and email (and
// phone and address when the session asks), each validated inline and tied to its message.
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from './guard.ts';
import { live } from './live.ts';
import type { PublicCustomer } from '../api/schemas.ts';
import { addressFields, fieldLabel, signedInAs, type CustomerValues, type FieldName, type FieldProblem } from '../checkout/customer-form.ts';
import { countries } from '../checkout/countries.ts';
import { optionalCustomerFields } from '../checkout/customer-rules.ts';
import { labelInSentence } from '../i18n/index.ts';
import type { Formatter } from './format.ts';

export interface CustomerHandlers {
  input: (field: FieldName, value: string) => void;
  blur: (field: FieldName) => void;
}

export interface CustomerModel {
  known: PublicCustomer | null;
  fields: readonly FieldName[];
  values: CustomerValues;
  problems: ReadonlyMap<FieldName, FieldProblem>;
  disabled: boolean;
}

const autocomplete: Record<FieldName, string> = {
  name: 'name',
  email: 'email',
  phone: 'tel',
  line1: 'address-line1',
  line2: 'address-line2',
  city: 'address-level2',
  postalCode: 'postal-code',
  state: 'address-level1',
  country: 'country',
  taxId: 'off',
};

const inputTypes: Partial<Record<FieldName, string>> = { email: 'email', phone: 'tel' };

export function customerView(model: CustomerModel, format: Formatter, handlers: CustomerHandlers): TemplateResult | typeof nothing {
  const { known, fields } = model;
  if (known) {
    return html`<section class="customer" aria-labelledby="customer-title">
      <h2 id="customer-title">${format.t('customer.title')}</h2>
      <p class="signed-in">${format.t('customer.signedIn', { who: signedInAs(known) })}</p>
      ${fields.length > 0 ? fieldsView(model, fields, format, handlers) : nothing}
    </section>`;
  }
  if (fields.length === 0) return nothing;
  return html`<section class="customer" aria-labelledby="customer-title">
    <h2 id="customer-title">${format.t('customer.title')}</h2>
    ${fieldsView(model, fields, format, handlers)}
  </section>`;
}

function fieldsView(model: CustomerModel, fields: readonly FieldName[], format: Formatter, handlers: CustomerHandlers): TemplateResult {
  const contact = fields.filter((field) => !addressFields.includes(field) && field !== 'taxId');
  const address = fields.filter((field) => addressFields.includes(field));
  return html`${contact.map((field) => fieldView(model, field, format, handlers))}
  ${address.length > 0
    ? html`<fieldset class="address" ?disabled=${model.disabled}>
        <legend>${format.t('field.address')}</legend>
        ${address.map((field) => fieldView(model, field, format, handlers))}
      </fieldset>`
    : nothing}
  ${fields.includes('taxId') ? fieldView(model, 'taxId', format, handlers) : nothing}`;
}

function fieldView(model: CustomerModel, field: FieldName, format: Formatter, handlers: CustomerHandlers): TemplateResult {
  const id = `field-${field}`;
  const problem = model.problems.get(field);
  const errorId = `${id}-error`;
  const required = !optionalCustomerFields.has(field);
  const message = problem
    ? format.t(problem.key, problem.field ? { field: labelInSentence(format.locale, format.t(problem.field)) } : { max: problem.max ?? '' })
    : null;
  const onInput = (event: Event) => handlers.input(field, (event.target as HTMLInputElement | HTMLSelectElement).value);
  const onBlur = () => handlers.blur(field);
  const control =
    field === 'country'
      ? html`<select
          part="input"
          id=${id}
          name=${field}
          autocomplete=${autocomplete[field]}
          ?required=${required}
          ?disabled=${model.disabled}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? errorId : nothing}
          @change=${onInput}
          @blur=${onBlur}
        >
          <option value="" ?selected=${model.values.country === ''}>${format.t('field.countryChoose')}</option>
          ${guard([format.locale, model.values.country], () =>
            countries(format.locale).map(
              (country) =>
                html`<option value=${country.code} ?selected=${model.values.country === country.code}>${country.name}</option>`,
            ),
          )}
        </select>`
      : html`<input
          part="input"
          id=${id}
          name=${field}
          type=${inputTypes[field] ?? 'text'}
          autocomplete=${autocomplete[field]}
          ?required=${required}
          ?disabled=${model.disabled}
          maxlength="500"
          .value=${live(model.values[field])}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? errorId : nothing}
          @input=${onInput}
          @blur=${onBlur}
        />`;
  return html`<div part="field" class="field field-${field}${problem ? ' invalid' : ''}">
    <label for=${id}>${format.t(fieldLabel(field))}</label>
    ${control} ${message ? html`<p id=${errorId} class="field-error">${message}</p>` : nothing}
  </div>`;
}
