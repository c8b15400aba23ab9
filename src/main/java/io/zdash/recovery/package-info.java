/**
 * Recovery codes: ten single-use codes of 80 random bits that let a person in when their
 * authenticator is lost. Only salted hashes are stored; consuming a code is one conditional UPDATE,
 * so a code works once even when submitted twice at the same moment.
 */
package io.zdash.recovery;
