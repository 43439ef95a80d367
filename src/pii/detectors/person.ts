import type { Detector } from '../types.ts';

export const detectPerson: Detector = () => [];
