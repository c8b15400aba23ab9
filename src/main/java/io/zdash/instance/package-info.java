/**
 * The dashboard home: the account's WhatsApp-API instances, each with a Z-API style id and a
 * random API token, created, renamed and deleted by their owner. This is what two-factor sign-in
 * protects; every query is scoped to the signed-in account.
 */
package io.zdash.instance;
