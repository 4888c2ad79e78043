import { TestBed } from '@angular/core/testing';
import { I18n, interpolate, pickLang } from './i18n.service';

describe('I18n', () => {
  beforeEach(() => localStorage.clear());

  it('defaults to Vietnamese, falls back to Vietnamese for missing English and to the key', () => {
    const i18n = TestBed.inject(I18n);
    i18n.register({ vi: { 'a.hello': 'Xin chào {name}', 'a.only': 'Chỉ tiếng Việt' }, en: { 'a.hello': 'Hello {name}' } });
    expect(i18n.lang()).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
    expect(i18n.t('a.hello', { name: 'Lan' })).toBe('Xin chào Lan');
    i18n.setLang('en');
    expect(i18n.t('a.hello', { name: 'Lan' })).toBe('Hello Lan');
    expect(i18n.t('a.only')).toBe('Chỉ tiếng Việt');
    expect(i18n.t('a.missing')).toBe('a.missing');
    expect(localStorage.getItem('nss.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('reads the stored language', () => {
    localStorage.setItem('nss.lang', 'en');
    expect(TestBed.inject(I18n).lang()).toBe('en');
  });

  it('picks one side of bilingual server texts', () => {
    expect(pickLang('Bắt buộc / required', 'vi')).toBe('Bắt buộc');
    expect(pickLang('Bắt buộc / required', 'en')).toBe('required');
    expect(pickLang('plain', 'en')).toBe('plain');
    expect(interpolate('{a}-{b}', { a: 1 })).toBe('1-{b}');
  });
});
