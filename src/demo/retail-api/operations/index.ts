// Every operation of the stand-in, in the order tau-bench lists its tools.
import type { RetailOperation } from '../operation.ts';
import { modifyUserAddress, transferToHumanAgents } from './account.ts';
import { exchangeDeliveredOrderItems, modifyPendingOrderItems, returnDeliveredOrderItems } from './items.ts';
import { cancelPendingOrder, modifyPendingOrderAddress, modifyPendingOrderPayment } from './pending.ts';
import {
  findUserIdByEmail,
  findUserIdByNameZip,
  getOrderDetails,
  getProductDetails,
  getUserDetails,
  listAllProductTypes,
} from './reads.ts';

export const RETAIL_OPERATIONS: readonly RetailOperation[] = [
  findUserIdByEmail,
  findUserIdByNameZip,
  getUserDetails,
  getOrderDetails,
  getProductDetails,
  listAllProductTypes,
  cancelPendingOrder,
  modifyPendingOrderAddress,
  modifyPendingOrderPayment,
  modifyPendingOrderItems,
  returnDeliveredOrderItems,
  exchangeDeliveredOrderItems,
  modifyUserAddress,
  transferToHumanAgents,
];
