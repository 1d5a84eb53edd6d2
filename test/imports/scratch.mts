import ExcelJS from 'exceljs';
import { readXlsx, readCsv } from '/work/main/src/platform/files/tabular.ts';
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('A');
ws.addRow(['RUC', 'NOMBRE', 'FECHA']);
ws.addRow(['20100070970', 'PEÑA NÚÑEZ', new Date('2021-03-15')]);
ws.addRow([]);
ws.addRow(['x', { richText: [{ text: 'a' }, { text: 'b' }] }, 12.5]);
const buf = Buffer.from(await wb.xlsx.writeBuffer());
console.log(JSON.stringify(await readXlsx(buf)));
console.log(JSON.stringify(readCsv(Buffer.from(new TextEncoder().encode('RUC;NOMBRE\n1;a')))));
const latin = Buffer.from([0x50,0x45,0xd1,0x41,0x3b,0x4e,0xda,0xd1,0x45,0x5a,0x0a]);
console.log(JSON.stringify(readCsv(latin)));
try { readCsv(Buffer.from(Array.from({length: 4096}, () => Math.floor(Math.random()*256)))); } catch (e) { console.log((e as Error).message); }
