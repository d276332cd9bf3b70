/**
 * SMS text as an SMSC sees it, protocol-neutral (no SMPP library's types: the connector hands in octets and ints):
 * <ul>
 *   <li>{@link io.edgegw.core.text.Alphabet}: GSM 03.38 7-bit with its extension table, IA5, Latin-1, UCS-2 with
 *       surrogate pairs, binary; encode and decode, refusing what an alphabet cannot carry with the character and
 *       its position (never a '?'), and {@link io.edgegw.core.text.Alphabet#convert} between them (Kannel's
 *       alt-charset). {@link io.edgegw.core.text.Gsm7Packing} packs septets for the air interface.</li>
 *   <li>{@link io.edgegw.core.text.DataCoding}: the SMPP data_coding octet read as an alphabet, with the SMSC
 *       default (0) a parameter.</li>
 *   <li>{@link io.edgegw.core.text.Segments}: how many segments a text takes (GSM 160 / 153, UCS-2 70 / 67, 8-bit
 *       140 / 134) and its cut into UDH (8- or 16-bit reference) or SAR parts.</li>
 *   <li>{@link io.edgegw.core.text.MessageForm}: what one submit is (a whole message, a UDH or SAR part) and how many
 *       segments it counts for, with hostile input reported as malformed rather than thrown.</li>
 * </ul>
 * {@link io.edgegw.core.text.AltCharset} converts data_coding 0 text between a tenant's and a carrier's default
 * alphabets. On the message path: the SMPP tenant submit check reads each submit's form with
 * {@link io.edgegw.core.text.MessageForm#segments} (no allocation) and counts its segments, the usage reader counts
 * each accepted message's, and a carrier bind converts text (AltCharset) and splits a long message for a carrier that
 * wants parts (Segments.split).
 */
package io.edgegw.core.text;
