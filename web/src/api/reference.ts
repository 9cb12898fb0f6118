/**
 * Reference data every part of the app may show — agencies, communes, categories — read once per page load
 * and shared by every screen.
 */
import { api, once } from './client.ts';

export interface Agency {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  level: 'city' | 'district' | 'commune';
  kind: string;
  active: boolean;
  fields: string[];
  jurisdiction: { version: string; code: string }[];
}

export interface Unit {
  version: string;
  code: string;
  level: string;
  name: string;
  fullName: string;
  parentCode: string | null;
}

export interface Category {
  code: string;
  name: string;
  description: string;
  kinds: string[];
  field: string;
  active: boolean;
  sortOrder: number;
}

export const loadAgencies = () => once('agencies', () => api.get<{ items: Agency[] }>('/api/v1/agencies').then((r) => r.items));
export const loadCommunes = () => once('communes', () => api.get<{ version: string; items: Unit[] }>('/api/v1/units', { level: 'commune' }));
export const loadCategories = () => once('categories', () => api.get<{ items: Category[] }>('/api/v1/categories').then((r) => r.items));
