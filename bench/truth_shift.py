#!/usr/bin/env python3
"""Sensitivity of the inclination RMSE to a time shift of the BROAD truth (fractions of a sample).

Analysis only, not a tuning: it shows how much of the remaining error is the timing between the
optical truth and the IMU, for Plumbline and VQF alike, and for VQF's acausal offline variant
(`vqf.offlineVQF`, 6D) as the bound of what a filter that sees the whole recording can do. Usage (repo root, release build present):
    python3 bench/truth_shift.py [DATA_DIR] [PLUMBLINE_BINARY]
"""
import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accuracy as A, numpy as np, os
d=sys.argv[1] if len(sys.argv) > 1 else '../shared/data/imu/broad'
binary=sys.argv[2] if len(sys.argv) > 2 else '.build-bench/release/plumbline'
shifts=[-0.5,-0.25,0,0.25,0.5,0.75,1.0]
print('shift (samples of 3.5 ms) of the truth:', shifts)
tot={'pl':np.zeros(len(shifts)),'vqf':np.zeros(len(shifts)),'off':np.zeros(len(shifts))}
for trial in sorted(f[:-4] for f in os.listdir(d) if f.endswith('.csv') and not f.endswith('.truth.csv')):
    t,g,a=A.load_recording(f'{d}/{trial}.csv'); q,m=A.load_truth(f'{d}/{trial}.truth.csv')
    ok=~np.isnan(q).any(axis=1); ut=np.full((len(t),3),np.nan); ut[ok]=A.up_from_quat(q[ok])
    from vqf import offlineVQF
    off=offlineVQF(np.ascontiguousarray(np.radians(g)),np.ascontiguousarray(a*A.G),None,float(np.median(np.diff(t))))
    ests={'pl':A.run_plumbline(binary,f'{d}/{trial}.csv',[]),'vqf':A.run_vqf(t,g,a),'off':A.up_from_quat(off['quat6D'])}
    for name,up in ests.items():
        up=up/np.linalg.norm(up,axis=1,keepdims=True); row=[]
        for j,s in enumerate(shifts):
            # truth at time t - s*dt, linear interpolation between samples (then renormalised)
            k=int(np.floor(s)); f=s-k
            u=(1-f)*np.roll(ut,k,axis=0)+f*np.roll(ut,k+1,axis=0); u/=np.linalg.norm(u,axis=1,keepdims=True)
            sc=(m==1)&ok&~np.isnan(u).any(axis=1)
            e=np.degrees(np.arccos(np.clip((up*u).sum(1),-1,1)))[sc]; r=np.sqrt((e**2).mean()); row.append(r); tot[name][j]+=r/12
        print(f'{trial[:34]:<36}{name:<4}', ' '.join(f'{x:6.3f}' for x in row))
for name in tot: print(f'{"mean":<36}{name:<4}', ' '.join(f'{x:6.3f}' for x in tot[name]))
