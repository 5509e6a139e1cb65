// Every update and delete through each fault class (fault_matrix.ts): a lost answer is settled by
// reading the item back. The writes are in update_cases.ts.
import { faultMatrix } from './fault_matrix';
import { UPDATES } from './update_cases';

faultMatrix(UPDATES);
