package io.edgegw.sip.proxy;

import gov.nist.javax.sip.SipProviderImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;

/**
 * Sends the CANCEL of one of our INVITE client transactions. {@code SipProvider.getNewClientTransaction} looks for the
 * INVITE a CANCEL belongs to by walking every client transaction of the stack (profiles under load showed it as the
 * largest single cost once responses and incoming CANCELs no longer walk, see {@link ScanGuard}); we hold that INVITE
 * transaction already, so the CANCEL's transaction is made the way the provider makes it once found: on the INVITE's
 * message channel, reporting to the provider, in the stack's table. The stack is told not to look again on send
 * ({@code CANCEL_CLIENT_TRANSACTION_CHECKED=false} in SipConnector).
 */
final class CancelSender {
    private CancelSender() {
    }

    static void cancel(SipProvider provider, ClientTransaction invite) throws SipException {
        SIPRequest cancel = (SIPRequest) invite.createCancel();
        if (!(provider instanceof SipProviderImpl impl) || !(invite instanceof SIPClientTransaction ct)) {
            provider.getNewClientTransaction(cancel).sendRequest(); // not the RI: the public way
            return;
        }
        SIPTransactionStack stack = (SIPTransactionStack) impl.getSipStack();
        SIPClientTransaction tx = stack.createClientTransaction(cancel, ct.getMessageChannel());
        tx.addEventListener(impl);
        stack.addTransaction(tx);
        tx.sendRequest();
    }
}
