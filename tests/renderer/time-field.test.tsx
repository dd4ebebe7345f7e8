// @vitest-environment jsdom
import { useState } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TimeField } from '../../renderer/src/components/TimeField';
import { normaliseTime } from '../../renderer/src/lib/time-of-day';
import { stubBrowserApis } from './harness';

beforeAll(stubBrowserApis);
afterEach(cleanup);

describe('times of day on the 24-hour clock', () => {
  it('reads what a clerk types as HH:mm and refuses what is not a time of day', () => {
    expect(['9:05', '09:05', '0905', '905', '9点05', '9：05'].map(normaliseTime)).toEqual(Array(6).fill('09:05'));
    expect(['14', '14:', '14点', '14:00'].map(normaliseTime)).toEqual(Array(4).fill('14:00'));
    expect(['24:00', '9:5', '9:60', '下午', '', '09:00 AM'].map(normaliseTime)).toEqual(Array(6).fill(null));
  });

  it('is a plain text field (no locale AM/PM) that settles to HH:mm when left', () => {
    function Host() {
      const [v, setV] = useState('');
      return (
        <>
          <TimeField label="时间" value={v} onChange={setV} />
          <output data-testid="v">{v}</output>
        </>
      );
    }
    render(
      <MantineProvider>
        <Host />
      </MantineProvider>,
    );
    const input = screen.getByLabelText('时间') as HTMLInputElement;
    expect(input.type).toBe('text');
    fireEvent.change(input, { target: { value: '930' } });
    fireEvent.blur(input);
    expect(input.value).toBe('09:30');
    expect(screen.getByTestId('v').textContent).toBe('09:30');
  });
});
